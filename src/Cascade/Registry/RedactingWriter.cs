using System.Text;

namespace Cascade.Registry;

/// <summary>
/// A writer that replaces secrets (a registry password) with `***` before anything reaches a log file or
/// the console. It holds text back until a line ends, so a secret written in pieces is still caught.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner, SecretRedactor redactor, bool leaveOpen = false) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly Lock gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (gate)
        {
            pending.Append(value);
            if (value == '\n') FlushPending();
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (gate)
        {
            pending.Append(value);
            if (value.Contains('\n')) FlushPending();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (gate) { FlushPending(); inner.Flush(); }
    }

    private void FlushPending()
    {
        if (pending.Length == 0) return;
        inner.Write(redactor.Redact(pending.ToString()));
        pending.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            if (!leaveOpen) inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
