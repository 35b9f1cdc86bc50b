namespace Cascade.Registry;

/// <summary>Registry credentials. ToString never shows the password.</summary>
internal sealed record RegistryCredentials(string ServerAddress, string Username, string Password)
{
    public override string ToString() => $"RegistryCredentials {{ ServerAddress = {ServerAddress}, Username = {Username}, Password = *** }}";
}
