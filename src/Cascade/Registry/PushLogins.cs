using Cascade.Stacks;

namespace Cascade.Registry;

/// <summary>The logins of a stack's run (<see cref="RegistryLogins"/>: the parameters are the push registry's), and the
/// check of them before a Push run builds anything.</summary>
static class PushLogins
{
    /// <summary>The push registry is the spec's `registry`, else its first image's.</summary>
    public static RegistryLogins Of(StackSpec spec, string? username, string? password, Func<string, string?> environment) =>
        new(spec.Registry ?? spec.Images.Select(i => ImageReference.Parse(i.Repository).Registry).FirstOrDefault(),
            username, password, environment);

    /// <summary>A wrong password is found before the first build, not after the first image was built and tested:
    /// one login round trip per registry the run pushes to.</summary>
    public static async Task CheckAsync(RegistryLogins logins, IEnumerable<ImageReference> repositories, CancellationToken ct)
    {
        using var access = new RegistryAccess(logins.For);
        var client = access.Client();
        foreach (var repository in repositories.DistinctBy(r => r.Registry))
        {
            try { await client.CheckLoginAsync(repository, ct); }
            catch (RegistryException e) { throw new InvalidOperationException($"{e.Message} Nothing was built: the login is checked before the first build of a Push run."); }
        }
    }
}
