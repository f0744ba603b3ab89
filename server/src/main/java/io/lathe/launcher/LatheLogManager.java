package io.lathe.launcher;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The JDK's {@link LogManager}, except that its own shutdown hook flushes the handlers instead of removing them. That
 * hook runs beside Payara's, which stops the application: with the JDK's manager, what the server logs while it stops
 * (executions it stops, Payara's own lines) could find no handler left. Installed by {@link LatheLauncher} through
 * {@code java.util.logging.manager}, before anything logs.
 */
public final class LatheLogManager extends LogManager {

    /** The JDK names its shutdown hook's thread class so; nothing else calls {@link #reset()} on such a thread. */
    private static final String JDK_CLEANER = LogManager.class.getName() + "$Cleaner";

    public LatheLogManager() {
        super();
    }

    @Override
    public void reset() {
        if (JDK_CLEANER.equals(Thread.currentThread().getClass().getName())) {
            Logger root = getLogger("");
            if (root != null) {
                for (Handler handler : root.getHandlers()) {
                    handler.flush();
                }
            }
            return;
        }
        super.reset();
    }
}
