"""The walk-through with Aerospike's Python client against Aerolog's Aerospike protocol.

Connect, put {'name': 'John', 'age': 30} into test/testset/testrecord, get it, list the nodes, and ask how
the namespace is replicated and stored. Needs the `aerospike` package from PyPI (pip install aerospike)
and a running node (ops/aerolog server); arguments: host and port of any node (default 127.0.0.1 3000).
"""
import sys

import aerospike


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 3000

    # Connect: any node is a seed; the client finds the others and the partition map.
    client = aerospike.client({"hosts": [(host, port)]}).connect()
    try:
        # Put a record; Aerolog appends the write to the namespace's Kafka topic and answers once applied.
        key = ("test", "testset", "testrecord")
        client.put(key, {"name": "John", "age": 30})

        # Get it back: the key, its metadata (generation, ttl) and its bins.
        (_, meta, bins) = client.get(key)
        print("record:", bins, "generation", meta["gen"])

        # The node list, as the client discovered it.
        for node in client.get_node_names():
            print("node:", node["node_name"], node["address"])

        # Replication and persistence, as Aerolog does them: the namespace's Kafka topics are replicated
        # by the brokers (replication-factor), other nodes keep standby copies, and storage-engine says
        # where applied records live (RocksDB on disk, or memory rebuilt from the log at start).
        answers = client.info_all("namespace/test")
        (_, text) = next(iter(answers.values()))
        for pair in text.strip().split("\t")[-1].split(";"):
            if pair.startswith(("replication-factor=", "storage-engine=", "objects=")):
                print("namespace test:", pair)
    finally:
        client.close()


if __name__ == "__main__":
    main()
