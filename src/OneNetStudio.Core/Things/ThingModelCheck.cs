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
                problems.Add(Unknown(identifier, model.Properties.Select(p => p.Identifier), $"Product {model.ProductId}", "property", "properties"));
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
            problems.Add(Unknown(serviceIdentifier, model.Services.Select(s => s.Identifier), $"Product {model.ProductId}", "service", "services"));
            return new ThingCheckResult(result, problems, conversions);
        }
        var check = new ThingValueCheck(unwrap, problems, conversions);
        foreach (DictionaryEntry entry in input)
        {
            var key = (unwrap is null ? entry.Key : unwrap(entry.Key))?.ToString() ?? "";
            var parameter = service.Input.FirstOrDefault(p => p.Identifier == key);
            if (parameter is null)
            {
                problems.Add(Unknown(key, service.Input.Select(p => p.Identifier), $"Service '{serviceIdentifier}' of product {model.ProductId}", "input", "inputs"));
                result[key] = entry.Value;
                continue;
            }
            result[key] = check.Check(entry.Value, parameter.DataType, key, key);
        }
        return new ThingCheckResult(result, problems, conversions);
    }

    /// <summary>The data type and its range in words, as the problems name them.</summary>
    public static string Describe(ApiDataType type) => ThingValueCheck.Describe(type);

    /// <summary>An identifier the model does not have, with the nearest one it has and all of them.</summary>
    private static ThingCheckProblem Unknown(string identifier, IEnumerable<string> known, string owner, string kind, string kinds)
    {
        var all = known.ToList();
        var nearest = NearestIdentifier.Find(identifier, all);
        return new ThingCheckProblem(identifier, identifier, ThingCheckProblemKind.Unknown,
            $"{owner} has no {kind} '{identifier}'{ThingValueCheck.DidYouMean(nearest)}. Its {kinds} are {List(all)}.", nearest);
    }

    private static string List(IEnumerable<string> identifiers)
    {
        var all = identifiers.ToList();
        return all.Count == 0 ? "none" : string.Join(", ", all);
    }
}
