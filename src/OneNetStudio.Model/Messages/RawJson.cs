using System.Text;

namespace OneNetStudio;

/// <summary>
/// A message's payload as received, kept as UTF-8 bytes and turned into a string only when someone reads
/// <see cref="OneNetMessage.Json"/>: most messages of a flood never are, and the string would double their size.
/// </summary>
internal sealed class RawJson
{
    public static readonly RawJson Empty = new(string.Empty);

    private readonly byte[]? _utf8;
    private string? _text;

    private RawJson(string text) => _text = text;

    private RawJson(byte[] utf8) => _utf8 = utf8;

    public static RawJson FromUtf8(byte[] utf8) => new(utf8);

    public static implicit operator RawJson(string text) => new(text);

    // A benign race: two threads may both decode, and either string is right.
    public string Text => _text ??= Encoding.UTF8.GetString(_utf8!);
}
