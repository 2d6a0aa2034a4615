namespace OneNetStudio.Core.Requests;

/// <summary>One set to send: which device, which kind, under which request id, with which payload.</summary>
public sealed record SetCommand(SetKind Kind, string ProductId, string DeviceName, string RequestId, byte[] Payload);
