namespace OneNetStudio.Core.Http;

/// <summary>The open API's action names (<c>?action=…</c>), as the platform spells them.</summary>
public static class OpenApiActions
{
    public const string QueryDeviceList = "QueryDeviceList";
    public const string QueryProductList = "QueryProductList";
    public const string QueryDeviceDetail = "QueryDeviceDetail";
    public const string QueryDeviceStatus = "QueryDeviceStatus";
    public const string QueryDeviceStatusHistory = "QueryDeviceStatusHistory";
    public const string QueryDeviceProperty = "QueryDeviceProperty";
    public const string QueryDevicePropertyDetail = "QueryDevicePropertyDetail";
    public const string QueryDevicePropertyHistory = "QueryDevicePropertyHistory";
    public const string QueryDeviceEventHistory = "QueryDeviceEventHistory";
    public const string SetDeviceProperty = "SetDeviceProperty";
    public const string SetDeviceDesiredProperty = "SetDeviceDesiredProperty";
    public const string QueryDeviceDesiredProperty = "QueryDeviceDesiredProperty";
    public const string DeleteDeviceDesiredProperty = "DeleteDeviceDesiredProperty";
    public const string CallService = "CallService";
    public const string QueryServiceRecord = "QueryServiceRecord";
    public const string QueryThingModel = "QueryThingModel";
}
