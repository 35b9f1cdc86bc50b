using System.Text;

namespace Cascade.Engine.Internal;

/// <summary>
/// Everything the engine and the build write goes through here; each secret value is replaced by ***
/// before a line reaches the real output. Lines are buffered so a secret written in pieces is still caught
/// within one line. Safe to use from several targets' tasks at once.
/// </summary>
internal sealed class SecretMaskingWriter(TextWriter inner) : TextWriter
{
    private readonly object _gate = new();
    private readonly StringBuilder _line = new();
    private readonly List<string> _secrets = [];

    public override Encoding Encoding => inner.Encoding;

    public void AddSecret(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        lock (_gate)
        {
            if (_secrets.Contains(value)) return;
            _secrets.Add(value);
            // Longest first, so a secret containing another is masked whole.
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Mask(string text)
    {
        lock (_gate)
        {
            foreach (var secret in _secrets)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            return text;
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _line.Append(value);
            if (value == '\n') FlushLine();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            // Whole lines with nothing buffered before them (a printed plan: megabytes at once) go straight
            // through, without two more copies via the line buffer; FlushLine would write the same text.
            if (_line.Length == 0 && value[^1] == '\n')
            {
                inner.Write(Mask(value));
                return;
            }
            _line.Append(value);
            if (value.Contains('\n')) FlushLine();
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _line.Append(value).Append(CoreNewLine);
            FlushLine();
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0) FlushLine();
            inner.Flush();
        }
    }

    private void FlushLine()
    {
        var text = _line.ToString();
        _line.Clear();
        var cut = text.LastIndexOf('\n');
        // Keep an unfinished last line buffered: its secret may not be complete yet.
        if (cut >= 0 && cut < text.Length - 1)
        {
            _line.Append(text, cut + 1, text.Length - cut - 1);
            text = text[..(cut + 1)];
        }
        inner.Write(Mask(text));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
