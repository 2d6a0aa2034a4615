using OneNetStudio.Bench;

var options = new BenchArgs(args);
Mqtt.BufferSize = options.Int("buffer", Mqtt.BufferSize);
return options.Command switch
{
    "flood" => await Flood.RunAsync(options),
    "raw-sub" => await RawSubscriber.RunAsync(options),
    "responder" => await Responder.RunAsync(options),
    "raw-set" => await RawRequester.RunAsync(options),
    "sim-capacity" => await SimulatorCapacity.RunAsync(options),
    "recovery" => await Recovery.RunAsync(options),
    "api-reads" => await ApiReads.RunAsync(options),
    "live-view" => await LiveViewCost.RunAsync(options),
    "parse-cost" => await ParseCost.RunAsync(options),
    "sim-api" => await SimulatorApi.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OneNetStudio.Bench flood|raw-sub|responder|raw-set|sim-capacity|recovery|api-reads|live-view|parse-cost|sim-api [--host h] [--port p] [--count n] ...");
    return 2;
}
