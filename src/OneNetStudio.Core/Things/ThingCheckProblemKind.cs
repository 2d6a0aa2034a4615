namespace OneNetStudio.Core.Things;

/// <summary>Why a value may not be sent as it stands, by the product's thing model.</summary>
public enum ThingCheckProblemKind
{
    /// <summary>No such property, service, input or struct field.</summary>
    Unknown,

    /// <summary>The property can be read but not set.</summary>
    ReadOnly,

    /// <summary>The value is not of the data type, and does not convert to it exactly.</summary>
    WrongType,

    /// <summary>The value has the type but lies outside its range, enum values, length or size.</summary>
    OutOfRange,
}
