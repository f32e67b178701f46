package io.aerolog.bench.ycsb;

import site.ycsb.DBException;

/**
 * One client shared by every YCSB thread of the process (YCSB makes a binding per thread), opened by
 * the first thread's {@code init} and closed by the last thread's {@code cleanup}, as a store's client
 * is meant to be used.
 */
final class SharedClient<C extends AutoCloseable> {
    /** Opens the client. */
    interface Opener<C> {
        C open() throws DBException;
    }

    private C client;
    private int users;

    synchronized C acquire(Opener<C> opener) throws DBException {
        if (client == null) {
            client = opener.open();
        }
        users++;
        return client;
    }

    synchronized void release() throws DBException {
        if (--users == 0 && client != null) {
            try {
                client.close();
            } catch (Exception e) {
                throw new DBException("closing the client failed: " + e, e);
            } finally {
                client = null;
            }
        }
    }
}
