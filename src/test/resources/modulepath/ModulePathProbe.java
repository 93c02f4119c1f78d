import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

/**
 * Run by ModulePathTest with the java source launcher, core on the module path: prints what the
 * test checks (the module's name, which packages it exports, the strand mode, a task's result).
 */
public class ModulePathProbe {
    public static void main(String[] args) {
        Module core = EventLoop.class.getModule();
        System.out.println("module=" + core.getName());
        System.out.println("exportsApi=" + core.isExported("io.asyncio4j"));
        System.out.println("exportsInternal=" + core.isExported("io.asyncio4j.internal"));
        System.out.println("mode=" + Asyncio.strandMode());
        int result = Asyncio.run(() -> {
            Task<Integer> child = Asyncio.createTask(() -> {
                Asyncio.sleep(0.001);
                return 41;
            });
            return child.await() + 1;
        });
        System.out.println("result=" + result);
    }
}
