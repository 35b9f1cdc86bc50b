using System.Net;

namespace Cascade.Registry;

/// <summary>The registry refused a request; the message carries its own error text (never a credential).</summary>
internal sealed class RegistryException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = status;
}
