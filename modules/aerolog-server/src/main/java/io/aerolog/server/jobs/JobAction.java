package io.aerolog.server.jobs;

import io.aerolog.core.Command;
import io.aerolog.core.Record;

/**
 * What a background job applies to each record it reaches: the command of one record (the job's operations as
 * an operate, or its UDF call), carrying the job's filter expression so the engine checks it again when it
 * applies the command.
 */
public interface JobAction {
    /** The command for the record of {@code digest} as the scan read it, or null when none can be made (a failure). */
    Command commandFor(String namespace, byte[] digest, Record record);

    /** The server's {@code job-type}: {@code background-ops} or {@code background-udf}. */
    String jobType();

    /** Appends the job type's own {@code query-show} fields (the UDF's file and function). */
    void describe(StringBuilder out, int active);
}
