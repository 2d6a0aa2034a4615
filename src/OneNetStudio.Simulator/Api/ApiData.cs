using System.Text.Json;

namespace OneNetStudio.Simulator.Api;

/// <summary>What an action answers with, as an <see cref="ApiHandler"/> returns it.</summary>
internal static class ApiData
{
    /// <summary><c>"data":null</c>, for the actions that return nothing.</summary>
    public static Task<Action<Utf8JsonWriter>?> None { get; } = Task.FromResult<Action<Utf8JsonWriter>?>(null);

    /// <summary><c>"data":{…}</c> with the fields written by <paramref name="fields"/>.</summary>
    public static Action<Utf8JsonWriter> ObjectOf(Action<Utf8JsonWriter> fields) => writer =>
    {
        writer.WriteStartObject();
        fields(writer);
        writer.WriteEndObject();
    };

    public static Task<Action<Utf8JsonWriter>?> Object(Action<Utf8JsonWriter> fields) => Task.FromResult<Action<Utf8JsonWriter>?>(ObjectOf(fields));
}
