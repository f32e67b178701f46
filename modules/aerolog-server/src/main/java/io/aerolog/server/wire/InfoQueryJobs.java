package io.aerolog.server.wire;

import io.aerolog.server.jobs.BackgroundJob;
import io.aerolog.server.jobs.BackgroundJobs;
import java.util.List;

/**
 * The info commands of background jobs, as {@code thr_info.c} answers them: {@code query-show} (every job
 * kept, running ones first, {@code ;}-separated) and {@code query-show:id=<id>} (or {@code trid=}, one job, or
 * {@code ERROR:2:job not found}); {@code query-abort:id=<id>} ({@code ok}, or {@code ERROR:2:id not active}) and
 * {@code query-abort-all} ({@code number-of-queries-killed:n}). Ids are decimal, or hexadecimal and octal
 * as C's {@code strtoul} reads them; 0 or unreadable is {@code ERROR:4:bad id}.
 */
final class InfoQueryJobs {
    private static final int ID_BUFFER = 26;

    private final BackgroundJobs jobs;

    InfoQueryJobs(BackgroundJobs jobs) {
        this.jobs = jobs;
    }

    void show(String params, InfoText out) {
        InfoParams.Param id = new InfoParams(params).get(ID_BUFFER, "id", "trid");
        if (id.found() == InfoParams.Found.ABSENT) {
            List<BackgroundJob> all = jobs == null ? List.of() : jobs.all();
            for (BackgroundJob job : all) {
                out.text(job.info()).text(';');
            }
            out.chomp(';');
            return;
        }
        if (!InfoParams.optional(out, id)) {
            return;
        }
        long trid = parse(id.value());
        if (trid == 0) {
            out.error(InfoText.PARAMETER, "bad id");
            return;
        }
        BackgroundJob job = jobs == null ? null : jobs.find(trid);
        if (job == null) {
            out.error(InfoText.NOT_FOUND, "job not found");
            return;
        }
        out.text(job.info());
    }

    void abort(String params, InfoText out) {
        InfoParams.Param id = new InfoParams(params).get(ID_BUFFER, "id", "trid");
        if (!InfoParams.required(out, id)) {
            return;
        }
        long trid = parse(id.value());
        if (trid == 0) {
            out.error(InfoText.PARAMETER, "bad id");
            return;
        }
        if (jobs != null && jobs.abort(trid)) {
            out.text("ok");
            return;
        }
        out.error(InfoText.NOT_FOUND, "id not active");
    }

    void abortAll(String params, InfoText out) {
        out.text("number-of-queries-killed:").text(jobs == null ? 0 : jobs.abortAll());
    }

    /** An id as {@code cf_strtoul_u64_raw} reads it (decimal, {@code 0x} hexadecimal, {@code 0} octal); 0 when unreadable. */
    static long parse(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseUnsignedLong(s.substring(1), 8);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
