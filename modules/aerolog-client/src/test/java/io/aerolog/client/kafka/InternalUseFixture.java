package io.aerolog.client.kafka;

import io.aerolog.client.internal.HttpAerologClient;

/**
 * Breaks the internal-package rule on purpose: a sibling package of {@code io.aerolog.client.internal} uses it, so
 * ClientRulesTest can show the rule finds it. Test sources only; never called.
 */
final class InternalUseFixture {
    private InternalUseFixture() {
    }

    static Class<?> internals() {
        return HttpAerologClient.class;
    }
}
