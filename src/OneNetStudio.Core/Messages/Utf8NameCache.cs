using System.Text.Json;

namespace OneNetStudio.Core.Messages;

/// <summary>
/// Property names as strings without a new string per message: the same few names ("temperature", "humidity") come
/// in every report. A fixed table of slots indexed by a hash of the UTF-8 bytes; a collision replaces the slot, so
/// memory is bounded whatever the names. Thread-safe: a slot holds an immutable entry, swapped whole.
/// </summary>
internal sealed class Utf8NameCache
{
    private const int MaxNameBytes = 64;
    private readonly Entry?[] _slots;

    public Utf8NameCache(int slots)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "a power of two");
        }
        _slots = new Entry?[slots];
    }

    /// <summary>The reader's current string token (a property name or a string value) as a string.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxNameBytes)
        {
            return reader.GetString()!;
        }
        var utf8 = reader.ValueSpan;
        var slot = (int)(Hash(utf8) & (uint)(_slots.Length - 1));
        var entry = Volatile.Read(ref _slots[slot]);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Text;
        }
        var text = reader.GetString()!;
        Volatile.Write(ref _slots[slot], new Entry(utf8.ToArray(), text));
        return text;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u; // FNV-1a
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
