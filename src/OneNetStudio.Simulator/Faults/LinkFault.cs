namespace OneNetStudio.Simulator.Faults;

/// <summary>What <see cref="LinkFaultProxy"/> does to the links through it.</summary>
public enum LinkFault
{
    /// <summary>Passes everything.</summary>
    None,

    /// <summary>Drops the server's PINGRESP packets: pings go unanswered while everything else flows.</summary>
    SwallowPingResponses,

    /// <summary>Drops every byte both ways but keeps the sockets open: a half-open link, as after a silent network cut.</summary>
    Blackhole,

    /// <summary>
    /// Delivers nothing either way while set, and loses nothing: what was sent flows on once it is lifted, as TCP does
    /// over a route that drops every packet for a while (it retransmits). New links are accepted and wait too.
    /// </summary>
    Stall,
}
