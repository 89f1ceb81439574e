package dev.cftokens.emulator;

/** Token bodies for tests, built from real catalog ids. */
final class Bodies {
    static final String ZONE_READ = "c8fed203ed3043cba015a93ad1616f1f";
    static final String ANALYTICS_READ = "9c88f9c5bce24ce7af9a958ba9c504db";
    static final String ACCOUNT_API_TOKENS_READ = "eb56a6953c034b9d97dd838155666f06";
    static final String ACCOUNT_API_TOKENS_WRITE = "5bc3f8b21c554832afc660159ab75fa4";
    static final String API_TOKENS_READ = "0cc3a61731504c89b99ec1be78b77aa0";
    static final String API_TOKENS_WRITE = "686d18d5ac6c441c867cbf6771e58a0a";
    static final String WORKERS_SCRIPTS_WRITE = "e086da7e2179491d91ee5f35b3ca210a";
    static final String WORKERS_SCRIPTS_READ = "1a71c399035b4950a1bd1466bbe4f420";

    private Bodies() {}

    /** A token granting one group on one resource key, everything else default. */
    static String token(String name, String groupId, String resourceKey) {
        return "{\"name\": \"" + name + "\", \"policies\": [" + policy("allow", groupId, resourceKey) + "]}";
    }

    static String policy(String effect, String groupId, String resourceKey) {
        return "{\"effect\": \"" + effect + "\", \"permission_groups\": [{\"id\": \"" + groupId + "\"}], "
                + "\"resources\": {\"" + resourceKey + "\": \"*\"}}";
    }

    static String zoneReader(String name) {
        return token(name, ZONE_READ, "com.cloudflare.api.account.zone.*");
    }
}
