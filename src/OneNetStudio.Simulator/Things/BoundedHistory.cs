namespace OneNetStudio.Simulator.Things;

/// <summary>
/// The newest <see cref="Capacity"/> entries, oldest first: a ring that grows as entries come, so a fleet of idle
/// devices costs nothing. Not thread-safe: the owning device's lock guards it.
/// </summary>
internal sealed class BoundedHistory<T>(int capacity)
{
    private T[] _items = [];
    private int _start;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count < Capacity)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, Math.Min(Capacity, Math.Max(4, _items.Length * 2)));
            }
            _items[Count++] = item;
            return;
        }
        _items[_start] = item;
        _start = (_start + 1) % Capacity;
    }

    /// <summary>A copy, oldest first.</summary>
    public T[] ToArray()
    {
        var result = new T[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = _items[(_start + i) % Math.Max(1, _items.Length)];
        }
        return result;
    }
}
