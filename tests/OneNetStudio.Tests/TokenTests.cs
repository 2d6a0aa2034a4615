using OneNetStudio.Core.Security;

namespace OneNetStudio.Tests;

public class TokenTests
{
    private const string DocKey = "KuF3NT/jUBJ62LNBB/A8XZA9CqS3Cu79B/ABmfA1UCw=";

    [Theory]
    [InlineData(DocKey, TokenMethod.Sha1, "products/123123", TokenVersion.Device, "version=2018-10-31&res=products%2F123123&et=1537255523&method=sha1&sign=lsaPSiiGvEFFjXu5WU7a6IkScqE%3D")]
    [InlineData(DocKey, TokenMethod.Md5, "products/123123", TokenVersion.Device, "version=2018-10-31&res=products%2F123123&et=1537255523&method=md5&sign=M3jB6jcSNUuGcvW3dFcrWA%3D%3D")]
    [InlineData(DocKey, TokenMethod.Sha256, "products/123123", TokenVersion.Device, "version=2018-10-31&res=products%2F123123&et=1537255523&method=sha256&sign=tuFMd8Cc5krZO%2BRiNaW4mad5tauSFq2J89Gd70MXQPI%3D")]
    [InlineData(DocKey, TokenMethod.Sha1, "userid/12321", TokenVersion.Application, "version=2020-05-29&res=userid%2F12321&et=1537255523&method=sha1&sign=oyasoXdLw7eiH%2BsDM4QrlF59LvE%3D")]
    [InlineData("mjgvkTCYTBF6DguxMmm+aV9EkDp2CYfL5jzRTph5Th6KhU8gqZz/cBivPTA7tfY5", TokenMethod.Md5, "projectid/ocgzVU/groupid/abc123", TokenVersion.Application, "version=2020-05-29&res=projectid%2FocgzVU%2Fgroupid%2Fabc123&et=1537255523&method=md5&sign=Hj7Ac0Ach7V3hRXzTHcqRg%3D%3D")]
    public void Create_MatchesDocumentedVectors(string key, TokenMethod method, string resource, string version, string expected)
    {
        using var accessKey = AccessKey.FromBase64(key);
        var token = OneNetToken.Create(resource, accessKey, DateTimeOffset.FromUnixTimeSeconds(1537255523), method, version);
        Assert.Equal(expected, token);
    }

    [Fact]
    public void Create_TruncatesExpiryToUnixSeconds()
    {
        using var accessKey = AccessKey.FromBase64(DocKey);
        var withMilliseconds = DateTimeOffset.FromUnixTimeMilliseconds(1537255523_999);
        var token = OneNetToken.Create("userid/12321", accessKey, withMilliseconds, TokenMethod.Sha1);
        Assert.Contains("&et=1537255523&", token);
    }

    [Fact]
    public void Create_PercentEncodesWithUppercaseHex()
    {
        using var accessKey = AccessKey.FromBase64(DocKey);
        var token = OneNetToken.Create("a b?c%d#e&f", accessKey, DateTimeOffset.FromUnixTimeSeconds(1537255523), TokenMethod.Sha256);
        Assert.Contains("res=a%20b%3Fc%25d%23e%26f&", token);
        var sign = token[(token.IndexOf("&sign=", StringComparison.Ordinal) + 6)..];
        Assert.DoesNotMatch("%[0-9A-F]?[a-f]", sign);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    public void AccessKey_RejectsInvalidBase64WithoutEchoingIt(string key)
    {
        var error = Assert.Throws<FormatException>(() => AccessKey.FromBase64(key));
        Assert.Contains("base64", error.Message);
        if (key.Trim().Length > 0)
        {
            Assert.DoesNotContain(key, error.Message);
        }
    }

    [Fact]
    public void AccessKey_ToStringHidesTheKey()
    {
        using var accessKey = AccessKey.FromBase64(DocKey);
        Assert.DoesNotContain(DocKey, accessKey.ToString());
        Assert.DoesNotContain("KuF3", accessKey.ToString());
    }

    [Fact]
    public void Parser_ReadsBackWhatCreateWrites()
    {
        using var accessKey = AccessKey.FromBase64(DocKey);
        var token = OneNetToken.Create("projectid/p1/groupid/g+1", accessKey, DateTimeOffset.FromUnixTimeSeconds(1900000000), TokenMethod.Sha256);
        Assert.True(TokenParser.TryParse(token, out var parsed, out _));
        Assert.Equal(TokenVersion.Application, parsed!.Version);
        Assert.Equal("projectid/p1/groupid/g+1", parsed.Resource);
        Assert.Equal(1900000000, parsed.ExpiresAtUnixSeconds);
        Assert.Equal(TokenMethod.Sha256, parsed.Method);
        Assert.Equal(OneNetToken.ComputeSignature(parsed.Resource, accessKey, 1900000000, TokenMethod.Sha256, TokenVersion.Application), parsed.Signature);
    }

    [Theory]
    [InlineData("res=userid%2F1&version=2020-05-29&et=1&method=md5&sign=x")]
    [InlineData("version=2020-05-29&res=userid%2F1&et=soon&method=md5&sign=x")]
    [InlineData("version=2020-05-29&res=userid%2F1&et=1&method=sha512&sign=x")]
    [InlineData("version=2020-05-29&res=userid%2F1&et=1&method=md5")]
    [InlineData("")]
    public void Parser_RejectsMalformedTokens(string token)
    {
        Assert.False(TokenParser.TryParse(token, out _, out var error));
        Assert.NotEmpty(error);
    }
}
