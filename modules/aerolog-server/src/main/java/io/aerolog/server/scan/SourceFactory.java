package io.aerolog.server.scan;

import io.aerolog.server.namespace.Route;
import java.util.List;

/** Opens the source of a scan or query over some Aerospike partitions of one Kafka partition served here. */
@FunctionalInterface
public interface SourceFactory {
    PartitionSource open(Route.Active active, List<PartitionPart> parts, long nowMillis);
}
