using System.Runtime.InteropServices;
using System.Security;

namespace OneNetStudio.Transforms;

/// <summary>The module's two conversions between plain text and SecureString, kept in one place.</summary>
internal static class SecureStrings
{
    public static SecureString FromPlainText(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Only for the simulator, which is the platform and must hold the keys it verifies tokens with.</summary>
    public static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer, secure.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
