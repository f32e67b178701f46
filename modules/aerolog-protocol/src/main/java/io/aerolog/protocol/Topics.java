package io.aerolog.protocol;

/** The names of a namespace's Kafka topics. */
public final class Topics {
    private Topics() {
    }

    /** The write-ahead log of a namespace: the only way in. */
    public static String commands(String namespace) {
        return "aerolog." + namespace + ".commands";
    }

    /** The public changelog of a namespace. */
    public static String changes(String namespace) {
        return "aerolog." + namespace + ".changes";
    }

    /**
     * The secondary-index catalog of a namespace: compacted, one partition, keyed by index name, valued by
     * the definition (a tombstone when dropped). Every node lists the namespace's indexes from it.
     */
    public static String indexes(String namespace) {
        return "aerolog." + namespace + ".indexes";
    }

    /** Dead letters of a namespace: commands that did not decode or were refused. */
    public static String rejected(String namespace) {
        return "aerolog." + namespace + ".rejected";
    }
}
