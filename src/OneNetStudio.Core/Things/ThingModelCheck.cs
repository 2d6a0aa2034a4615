using System.Collections;
using System.Collections.Specialized;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>
/// Checks what is about to be sent to devices against the product's thing model, before anything is published:
/// every identifier exists (else the nearest one is named), a property is writable, and every value has the data
/// type and lies within its specs (range, enum values, length, size, struct fields); a value that converts exactly
/// is converted (see <see cref="ThingValueCheck"/>). The step of a number is not enforced. In memory only.
/// </summary>
public static class ThingModelCheck
{
    /// <summary>
    /// A property set (or desired values): identifier → value. <paramref name="unwrap"/> is applied to every key and
    /// value first (the module passes PowerShell's unwrapping, as to the set payload).
    /// </summary>
    public static ThingCheckResult Properties(ApiThingModel model, IDictionary values, Func<object?, object?>? unwrap = null)
    {
        var problems = new List<ThingCheckProblem>();
        var conversions = new List<string>();
        var check = new ThingValueCheck(unwrap, problems, conversions);
        var result = new OrderedDictionary(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in values)
        {
            var key = unwrap is null ? entry.Key : unwrap(entry.Key);
            if (key is not string identifier)
            {
                result[key ?? ""] = entry.Value; // the payload refuses it with its own words
                continue;
            }
            var property = model.FindProperty(identifier);
            if (property is null)
            {
                var nearest = NearestIdentifier.Find(identifier, model.Properties.Select(p => p.Identifier));
                problems.Add(new ThingCheckProblem(identifier, identifier, ThingCheckProblemKind.Unknown,
                    $"Product {model.ProductId} has no property '{identifier}'{ThingValueCheck.DidYouMean(nearest)}. Its properties are {List(model.Properties.Select(p => p.Identifier))}.",
                    nearest));
                result[identifier] = entry.Value;
                continue;
            }
            if (property.AccessMode == ApiAccessMode.ReadOnly)
            {
                var writable = model.Properties.Where(p => p.AccessMode != ApiAccessMode.ReadOnly).Select(p => p.Identifier).ToList();
                problems.Add(new ThingCheckProblem(identifier, identifier, ThingCheckProblemKind.ReadOnly,
                    $"Property '{identifier}' of product {model.ProductId} is read-only: devices report it, nobody sets it. Its writable properties are {(writable.Count == 0 ? "none" : List(writable))}."));
                result[identifier] = entry.Value;
                continue;
            }
            result[identifier] = check.Check(entry.Value, property.DataType, identifier, identifier);
        }
        return new ThingCheckResult(result, problems, conversions);
    }

    /// <summary>
    /// A service call's input: the service exists, and every input is one of its parameters with a value of its type.
    /// Inputs left out are not required here (the platform decides).
    /// </summary>
    public static ThingCheckResult ServiceInput(ApiThingModel model, string serviceIdentifier, IDictionary input, Func<object?, object?>? unwrap = null)
    {
        var problems = new List<ThingCheckProblem>();
        var conversions = new List<string>();
        var result = new OrderedDictionary(StringComparer.Ordinal);
        var service = model.FindService(serviceIdentifier);
        if (service is null)
        {
            var nearest = NearestIdentifier.Find(serviceIdentifier, model.Services.Select(s => s.Identifier));
            problems.Add(new ThingCheckProblem(serviceIdentifier, serviceIdentifier, ThingCheckProblemKind.Unknown,
                $"Product {model.ProductId} has no service '{serviceIdentifier}'{ThingValueCheck.DidYouMean(nearest)}. Its services are {List(model.Services.Select(s => s.Identifier))}.",
                nearest));
            return new ThingCheckResult(result, problems, conversions);
        }
        var check = new ThingValueCheck(unwrap, problems, conversions);
        foreach (DictionaryEntry entry in input)
        {
            var key = (unwrap is null ? entry.Key : unwrap(entry.Key))?.ToString() ?? "";
            var parameter = service.Input.FirstOrDefault(p => p.Identifier == key);
            if (parameter is null)
            {
                var nearest = NearestIdentifier.Find(key, service.Input.Select(p => p.Identifier));
                problems.Add(new ThingCheckProblem(key, key, ThingCheckProblemKind.Unknown,
                    $"Service '{serviceIdentifier}' of product {model.ProductId} has no input '{key}'{ThingValueCheck.DidYouMean(nearest)}. Its inputs are {List(service.Input.Select(p => p.Identifier))}.",
                    nearest));
                result[key] = entry.Value;
                continue;
            }
            result[key] = check.Check(entry.Value, parameter.DataType, key, key);
        }
        return new ThingCheckResult(result, problems, conversions);
    }

    /// <summary>The data type and its range in words, as the problems name them.</summary>
    public static string Describe(ApiDataType type) => ThingValueCheck.Describe(type);

    private static string List(IEnumerable<string> identifiers)
    {
        var all = identifiers.ToList();
        return all.Count == 0 ? "none" : string.Join(", ", all);
    }
}
