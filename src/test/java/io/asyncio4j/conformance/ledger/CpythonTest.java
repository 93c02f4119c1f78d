package io.asyncio4j.conformance.ledger;

/**
 * One test method of CPython's {@code Lib/test/test_asyncio}, named by the class that defines it.
 *
 * @param module the CPython test module without {@code .py}, e.g. {@code test_tasks}
 * @param name   {@code Class.test_method}, e.g. {@code BaseTaskTests.test_cancel}
 */
record CpythonTest(String module, String name) implements Comparable<CpythonTest> {
    /** The method part of {@link #name()}, e.g. {@code test_cancel}. */
    String method() {
        return name.substring(name.indexOf('.') + 1);
    }

    /** The class part of {@link #name()}, e.g. {@code BaseTaskTests}. */
    String className() {
        return name.substring(0, name.indexOf('.'));
    }

    @Override
    public int compareTo(CpythonTest o) {
        int c = module.compareTo(o.module);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return module + " " + name;
    }
}
