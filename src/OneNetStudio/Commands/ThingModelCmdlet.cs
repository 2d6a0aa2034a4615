using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>
/// A platform cmdlet that types what it reads (or checks what it sends) by the product's thing model. The model is
/// read on the pipeline thread, once per session and product (the channel keeps it), so a wrong product id is one
/// error rather than one per device.
/// </summary>
public abstract class ThingModelCmdlet : PlatformCmdlet
{
    /// <returns>False when the model could not be read (the error, about the product, is written).</returns>
    internal bool TryGetThingModel(string productId, out ApiThingModel model) =>
        TryAwait(Channel.GetThingModelAsync(productId, StopToken), productId, $"Product {productId}", out model);
}
