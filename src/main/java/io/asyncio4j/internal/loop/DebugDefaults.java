package io.asyncio4j.internal.loop;

/** Whether new loops start in debug mode: {@code -Dasyncio4j.debug=true} or {@code PYTHONASYNCIODEBUG}. */
final class DebugDefaults {
    private DebugDefaults() {
    }

    static boolean enabled() {
        if (Boolean.getBoolean("asyncio4j.debug")) {
            return true;
        }
        String env = System.getenv("PYTHONASYNCIODEBUG");
        return env != null && !env.isEmpty();
    }
}
