using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>
/// The open API's envelope: <c>{"requestId","success":true,"data"}</c> or
/// <c>{"requestId","code":"iot.application.deviceNotFound","msg","success":false}</c>. Read leniently: a
/// <c>success</c> given as text, <c>request_id</c>, <c>message</c>, a numeric code.
/// </summary>
internal sealed class OpenApiEnvelopeFormat : ApiEnvelopeFormat
{
    public static readonly OpenApiEnvelopeFormat Instance = new();

    public override bool TryRead(JsonElement root, out ApiEnvelope envelope)
    {
        envelope = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        var success = LenientJson.Get(root, "success");
        var code = LenientJson.String(LenientJson.Get(root, "code"));
        var requestId = LenientJson.String(LenientJson.Get(root, "requestId", "request_id"));
        if (LenientJson.IsMissing(success) && code is null && requestId is null)
        {
            return false;
        }
        // Without a success flag, an answer without a code (or with code 0, as the newer API says it) succeeded.
        var succeeded = LenientJson.Boolean(success) ?? (code is null or "0" or "200");
        envelope = new ApiEnvelope(succeeded, code, LenientJson.String(LenientJson.Get(root, "msg", "message")), requestId, LenientJson.Get(root, "data"));
        return true;
    }
}
