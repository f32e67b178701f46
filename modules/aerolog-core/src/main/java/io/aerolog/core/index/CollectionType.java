package io.aerolog.core.index;

/**
 * Which values of a bin a secondary index holds (Aerospike's {@code IndexCollectionType}, in its wire order):
 * the value itself, each element of a list, each key or each value of a map.
 */
public enum CollectionType {
    DEFAULT, LIST, MAPKEYS, MAPVALUES
}
