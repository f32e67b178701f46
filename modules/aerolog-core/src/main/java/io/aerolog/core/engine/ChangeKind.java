package io.aerolog.core.engine;

/** The kind of an applied change, as published on the changelog. */
public enum ChangeKind { WRITE, DELETE, EXPIRE, TRUNCATE }
