package dev.crosswalk.bridge.http;

import dev.crosswalk.bridge.route.RoutesConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HexFormat;

/**
 * Decides who may use the bridge and what it sends upstream (issue 6, "Auth"):
 * <ul>
 *   <li>no client keys configured: every client is let through and its own {@code Authorization} header is
 *       forwarded to the upstream unchanged;</li>
 *   <li>client keys configured: a client must present one ({@code Authorization: Bearer <key>}), or gets 401; the
 *       upstream then gets the bridge's own key (if any) and never the client's.</li>
 * </ul>
 * A bridge holding its own key without client keys is refused at configuration time: it would be an open relay.
 */
final class ClientAuth {
    private final Secret upstreamKey;
    private final ClientKeys clientKeys;

    ClientAuth(Secret upstreamKey, ClientKeys clientKeys) {
        this.upstreamKey = upstreamKey;
        this.clientKeys = clientKeys;
    }

    /** What this request may do, or {@code null} if it is refused. */
    Grant check(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        String token = bearer(authorization);
        if (clientKeys == null) {
            return new Grant(authorization, token, owner(authorization, token), true, null);
        }
        ClientKeys.Key key = clientKeys.find(token);
        if (key == null) {
            return null;
        }
        return new Grant(upstreamKey == null ? null : "Bearer " + upstreamKey.reveal(), token, owner(authorization, token), false, key);
    }

    static BridgeException refused() {
        return BridgeException.of(401, Errors.INVALID_REQUEST, null, "invalid_api_key",
                "Incorrect API key provided. This bridge requires one of its client keys as 'Authorization: Bearer <key>'.");
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        // The scheme is case-insensitive and any run of spaces or tabs may follow it (RFC 9110 §11.1).
        String value = authorization.strip();
        int end = 0;
        while (end < value.length() && value.charAt(end) != ' ' && value.charAt(end) != '\t') {
            end++;
        }
        return end == 6 && value.regionMatches(true, 0, "Bearer", 0, 6) && end < value.length() ? value.substring(end).strip() : null;
    }

    /**
     * A digest of the credential, so stored responses can be tied to it without storing it: of the bearer key itself,
     * so that {@code bearer  KEY} and {@code Bearer KEY} are one owner; of the whole header for other schemes.
     */
    private static String owner(String authorization, String token) {
        String credential = token != null ? token : authorization == null ? "" : authorization.strip();
        if (credential.isEmpty()) {
            return "";
        }
        return HexFormat.of().formatHex(ClientKeys.sha256("crosswalk-owner:" + credential));
    }

    /**
     * What an admitted request carries.
     */
    static final class Grant {
        private final String upstreamAuthorization;
        private final String clientToken;
        private final String owner;
        private final boolean forwarded;
        private final ClientKeys.Key key;

        Grant(String upstreamAuthorization, String clientToken, String owner, boolean forwarded, ClientKeys.Key key) {
            this.upstreamAuthorization = upstreamAuthorization;
            this.clientToken = clientToken;
            this.owner = owner;
            this.forwarded = forwarded;
            this.key = key;
        }

        /**
         * This grant for one of several upstreams: its own key if it has one; else the client's {@code Authorization}
         * when clients' credentials are forwarded; else none. Never another upstream's key.
         */
        Grant forUpstream(Secret key) {
            String authorization = key != null ? "Bearer " + key.reveal() : forwarded ? upstreamAuthorization : null;
            return new Grant(authorization, clientToken, owner, forwarded, this.key);
        }

        /** The limits for this client: its key's own (from the client keys file) where it has them, else {@code defaults}. */
        RoutesConfig.Limits limits(RoutesConfig.Limits defaults) {
            return key == null ? defaults : key.limits(defaults);
        }

        /** The {@code Authorization} header to send upstream, or {@code null} for none. */
        String upstreamAuthorization() {
            return upstreamAuthorization;
        }

        /** The token the client presented (to redact it from upstream messages), or {@code null}. */
        String clientToken() {
            return clientToken;
        }

        /** Who owns what this request stores; see {@link dev.crosswalk.bridge.store.StoredResponse#owner()}. */
        String owner() {
            return owner;
        }

        @Override
        public String toString() {
            return "Grant[***]";
        }
    }
}
