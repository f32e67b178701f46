package io.aerolog.server.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How one node's HTTP requests to another are authenticated: an {@code Authorization: Aerolog-Node}
 * header carrying the sending node, the time, the user it acts for (none when the node asks for itself,
 * as the peer directory does) and an HMAC-SHA256 of those, the method and the path with its query, under
 * the cluster's secret. A node accepts one within {@value #WINDOW_SECONDS} s of its clock, so that the
 * user a request was forwarded for is checked where it is served, without passwords travelling further.
 */
final class NodeSignatures {
    static final String SCHEME = "Aerolog-Node";
    static final long WINDOW_SECONDS = 60;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A verified node request: the node that sent it and the user it acts for (null for the node itself). */
    record Signed(String node, String user) {
    }

    private NodeSignatures() {
    }

    /** The header value signing {@code method path} from {@code node}, for {@code user} (null for none). */
    static String sign(byte[] secret, String node, long now, String user, String method, String pathAndQuery) {
        String u = user == null ? "" : user;
        return SCHEME + " " + B64.encodeToString(node.getBytes(StandardCharsets.UTF_8)) + ":" + now + ":"
                + (user == null ? "-" : B64.encodeToString(u.getBytes(StandardCharsets.UTF_8))) + ":"
                + B64.encodeToString(mac(secret, node, now, user, method, pathAndQuery));
    }

    /** The signed request {@code header} stands for, or null when it is not a valid, fresh signature. */
    static Signed verify(byte[] secret, String header, String method, String pathAndQuery, long now) {
        if (secret == null || header == null || !header.startsWith(SCHEME + " ")) {
            return null;
        }
        String[] parts = header.substring(SCHEME.length() + 1).split(":", -1);
        if (parts.length != 4) {
            return null;
        }
        try {
            String node = new String(B64D.decode(parts[0]), StandardCharsets.UTF_8);
            long time = Long.parseLong(parts[1]);
            String user = parts[2].equals("-") ? null : new String(B64D.decode(parts[2]), StandardCharsets.UTF_8);
            byte[] mac = B64D.decode(parts[3]);
            if (Math.abs(now - time) > WINDOW_SECONDS
                    || !MessageDigest.isEqual(mac, mac(secret, node, time, user, method, pathAndQuery))) {
                return null;
            }
            return new Signed(node, user);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mac(byte[] secret, String node, long time, String user, String method, String path) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (String part : new String[] {"node", node, Long.toString(time), user == null ? "-" : "+" + user,
                    method, path}) {
                m.update(part.getBytes(StandardCharsets.UTF_8));
                m.update((byte) 0);
            }
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
