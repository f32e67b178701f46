package io.aerolog.server.cluster;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import java.util.HashMap;
import java.util.Map;

/** Reads a query to its end page by page, as a client resumes one with a partition filter (at most 200 pages). */
final class QueryPages {
    /** How many times each user key came, how many pages it took, and whether the filter says it is done. */
    record Result(Map<Object, Integer> seen, int pages, boolean done) {
    }

    private QueryPages() {
    }

    static Result readAll(AerospikeClient client, QueryPolicy policy, Statement statement) {
        PartitionFilter filter = PartitionFilter.all();
        Map<Object, Integer> seen = new HashMap<>();
        int pages = 0;
        while (!filter.isDone() && pages < 200) {
            try (RecordSet rs = client.queryPartitions(policy, statement, filter)) {
                while (rs.next()) {
                    seen.merge(rs.getKey().userKey.getObject(), 1, Integer::sum);
                }
            }
            pages++;
        }
        return new Result(seen, pages, filter.isDone());
    }
}
