namespace OneNetStudio;

/// <summary>A part of a product's thing model that Get-OneNetThingModel -Part writes as rows.</summary>
public enum ThingModelPart
{
    Property,
    Event,
    Service,
}
