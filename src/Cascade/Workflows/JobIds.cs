using System.Security.Cryptography;
using System.Text;

namespace Cascade.Workflows;

/// <summary>
/// Job ids of the image jobs: `image-&lt;name&gt;`, with characters GitHub does not allow in an id (it takes
/// letters, digits, '-' and '_') replaced; when two names would meet in one id, each gets a short hash of its name.
/// </summary>
internal sealed class JobIds
{
    private readonly Dictionary<string, string> ids = new(StringComparer.Ordinal);

    public JobIds(IEnumerable<string> imageNames)
    {
        var names = imageNames.ToList();
        var clashes = names.GroupBy(Plain).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names) ids[name] = clashes.Contains(name) ? $"{Plain(name)}-{Hash(name)}" : Plain(name);
    }

    public string this[string image] => ids[image];

    private static string Plain(string name) =>
        "image-" + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static string Hash(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..6];
}
