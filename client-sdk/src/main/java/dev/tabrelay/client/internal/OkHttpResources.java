package dev.tabrelay.client.internal;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The OkHttpClient of one SDK client and whatever threads it owns. When the caller supplies a client we derive
 * from it and own nothing (the caller shuts it down). Otherwise we build one whose dispatcher, task runner and
 * connection pool run on threads we created, so {@link #close()} leaves no thread behind. OkHttp's default task
 * runner is process-wide and keeps idle threads for 60 s, which would make "no thread leaks" untestable; its
 * per-client replacement is internal OkHttp API (pinned version 5.5.1), used only here.
 */
public final class OkHttpResources implements AutoCloseable {

    private final OkHttpClient client;
    private final ExecutorService dispatcherExecutor;
    private final TaskRunner.RealBackend taskBackend;
    private final TaskRunner taskRunner;

    private OkHttpResources(OkHttpClient client, ExecutorService dispatcherExecutor, TaskRunner.RealBackend taskBackend,
                            TaskRunner taskRunner) {
        this.client = client;
        this.dispatcherExecutor = dispatcherExecutor;
        this.taskBackend = taskBackend;
        this.taskRunner = taskRunner;
    }

    /** Derives from a caller-owned client; closing releases nothing of it. */
    public static OkHttpResources shared(OkHttpClient base, java.util.function.UnaryOperator<OkHttpClient.Builder> tune) {
        return new OkHttpResources(tune.apply(base.newBuilder()).build(), null, null, null);
    }

    /** Builds a client whose every thread is named after {@code threadName} and ends on {@link #close()}. */
    public static OkHttpResources owned(String threadName, java.util.function.UnaryOperator<OkHttpClient.Builder> tune) {
        ThreadPoolExecutor dispatcherExecutor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon(threadName + "-okhttp"));
        TaskRunner.RealBackend backend = new TaskRunner.RealBackend(daemon(threadName + "-okhttp-tasks"));
        TaskRunner taskRunner = new TaskRunner(backend, Logger.getLogger(TaskRunner.class.getName()));
        ConnectionPool pool = new ConnectionPool(5, 5, TimeUnit.MINUTES, taskRunner,
                ConnectionListener.Companion.getNONE());
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(dispatcherExecutor))
                .connectionPool(pool)
                .taskRunner$okhttp(taskRunner);
        return new OkHttpResources(tune.apply(builder).build(), dispatcherExecutor, backend, taskRunner);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public OkHttpClient client() {
        return client;
    }

    public boolean owned() {
        return dispatcherExecutor != null;
    }

    @Override
    public void close() {
        if (dispatcherExecutor == null) {
            return;
        }
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        dispatcherExecutor.shutdown();
        // Cancel scheduled tasks (pings, pool cleanup) and let running ones finish: OkHttp's task loop fails an
        // internal check when its executor refuses work while a task is still active.
        synchronized (taskRunner) {
            taskRunner.cancelAll();
            taskBackend.coordinatorNotify(taskRunner);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            synchronized (taskRunner) {
                if (taskRunner.activeQueues().isEmpty()) {
                    break;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        taskBackend.shutdown();
        synchronized (taskRunner) {
            taskBackend.coordinatorNotify(taskRunner); // a coordinator sleeping until a cancelled task's time wakes and ends
        }
        try {
            dispatcherExecutor.awaitTermination(5, TimeUnit.SECONDS);
            taskBackend.getExecutor().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
