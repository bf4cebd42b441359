using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Corpora.Download;

/// <summary>
/// Which addresses a download may connect to. A host on <see cref="DownloadOptions.AllowedHosts"/> is connected as
/// asked; any other host is resolved and refused when one of its addresses is loopback, link-local (the cloud
/// metadata service at 169.254.169.254), private, shared (CGNAT), multicast, reserved or unspecified. The check runs
/// in the connection callback, on the addresses actually connected to, so every redirect hop and a DNS answer that
/// changes between checks (rebinding) are covered alike.
/// </summary>
public sealed class DownloadAddressPolicy(IOptions<DownloadOptions> options)
{
    private readonly HashSet<string> _allowed = new(options.Value.AllowedHosts.Select(h => h.Trim().Trim('[', ']')), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowedHost(string host) => _allowed.Contains(host.Trim('[', ']'));

    /// <summary>The addresses to connect to for <paramref name="host"/>; throws <see cref="UnsafeSourceException"/> when refused.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (IsAllowedHost(host)) return addresses;
        if (addresses.Length == 0) throw new UnsafeSourceException($"{host} does not resolve");
        if (addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
            throw new UnsafeSourceException($"downloads from {host} are refused: it resolves to {refused}, a loopback, link-local, private or multicast address (allow it with Prebias:Download:AllowedHosts)");
        return addresses;
    }

    /// <summary>The 400-time check of a URL as written (no DNS): refused when its host is an IP literal or
    /// "localhost" that the connection check would refuse anyway. Null when fine.</summary>
    public string? CheckLiteral(Uri url)
    {
        var host = url.IdnHost.Trim('[', ']');
        if (IsAllowedHost(host)) return null;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && !IsPublic(ip)))
            return $"downloads from {host} are refused: loopback, link-local, private and multicast addresses are not fetched (allow a host with Prebias:Download:AllowedHosts).";
        return null;
    }

    /// <summary>True for globally routable unicast addresses only.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224                // this network, private, loopback, multicast and reserved
                     || (b[0] == 100 && b[1] is >= 64 and < 128)     // shared address space (CGNAT)
                     || (b[0] == 169 && b[1] == 254)                 // link-local (cloud metadata)
                     || (b[0] == 172 && b[1] is >= 16 and < 32)      // private
                     || (b[0] == 192 && b[1] == 168)                 // private
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // IETF protocol assignments
                     || (b[0] == 198 && b[1] is 18 or 19));          // benchmarking
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return false;
        var v6 = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address: judge that one.
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b) return IsPublic(new IPAddress(v6[12..16]));
        if (v6[0] == 0x20 && v6[1] == 0x02) return IsPublic(new IPAddress(v6[2..6]));
        return true;
    }
}
