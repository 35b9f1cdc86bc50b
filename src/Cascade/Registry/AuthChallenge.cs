using System.Net.Http.Headers;

namespace Cascade.Registry;

/// <summary>One WWW-Authenticate challenge: <c>Bearer realm="...",service="...",scope="..."</c> or <c>Basic realm="..."</c>.</summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Realm => Parameters.GetValueOrDefault("realm");
    public string? Service => Parameters.GetValueOrDefault("service");
    public string? Scope => Parameters.GetValueOrDefault("scope");

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public static AuthChallenge? From(HttpHeaderValueCollection<AuthenticationHeaderValue> headers)
    {
        foreach (var header in headers)
            return new AuthChallenge(header.Scheme, ParseParameters(header.Parameter ?? ""));
        return null;
    }

    /// <summary>Parses <c>key="value",key2=value2</c>; quoted values may contain commas (scopes do).</summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var key = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                var comma = text.IndexOf(',', i);
                var end = comma < 0 ? text.Length : comma;
                value = text[i..end].Trim();
                i = end;
            }
            result[key] = value;
        }
        return result;
    }
}
