package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trust boundary of the rules, checked before a rule file is compiled.
 *
 * <p>DRL is code: its conditions, consequences, functions and even its metadata values are compiled or
 * evaluated as Java or MVEL inside the host's JVM, with the host's permissions. Rules are therefore trusted
 * configuration, loaded only from the place the host configures. This check keeps them inside the policy's own
 * types: a rule file is refused, with the file and line of each offence, if its code (comments and string
 * literals aside, so that quoted policy text never trips it)
 * <ul>
 *   <li>imports or names a package other than {@code cn.minhang.policy.model}, {@code cn.minhang.policy.engine},
 *       {@code java.math}, {@code java.time} and a short list of {@code java.util} collections;</li>
 *   <li>names a type or member that reaches the host: {@code System}, {@code Runtime}, threads and executors,
 *       processes, class loading and reflection ({@code getClass}, {@code Class.forName}, {@code .class}),
 *       files, sockets and URLs, the session behind {@code kcontext} ({@code getKieRuntime}, {@code halt},
 *       channels, globals), or the engine's own loading classes ({@code PolicyEngine}, {@code RuleSource},
 *       {@code CompiledRules});</li>
 *   <li>contains a unicode escape ({@code \u0053ystem} is {@code System} to the Java compiler, even inside a
 *       comment), or a string literal left open at the end of its line.</li>
 * </ul>
 * It is a guard against a rule reaching outside the policy by mistake or by an obvious edit; it is not a
 * sandbox. A rule that loops is stopped by the engine's firing limit, not by this check; review every rule change
 * as code.
 */
public final class RuleSafety {
    /** Packages whose every class a rule may name. */
    private static final List<String> ALLOWED_PACKAGES = List.of(
            "cn.minhang.policy.model.", "cn.minhang.policy.engine.", "cn.minhang.policy.rules", "java.math.",
            "java.time.");
    /** Classes outside those packages that a rule may name. */
    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection", "java.util.Collections",
            "java.util.Arrays", "java.util.Objects", "java.util.Optional", "java.util.ArrayList",
            "java.util.LinkedList", "java.util.HashMap", "java.util.TreeMap", "java.util.LinkedHashMap",
            "java.util.HashSet", "java.util.TreeSet", "java.util.LinkedHashSet", "java.util.Comparator",
            "java.util.Iterator", "java.util.Locale", "java.util.stream.Collectors", "java.util.stream.Stream",
            "java.lang.String", "java.lang.StringBuilder", "java.lang.Math", "java.lang.Integer", "java.lang.Long",
            "java.lang.Boolean", "java.lang.Character", "java.lang.Object", "java.lang.Number",
            "java.lang.Comparable", "java.lang.Iterable", "java.lang.CharSequence", "java.lang.Enum");
    /** Where a qualified name is a package name rather than a variable. */
    private static final Set<String> ALWAYS_PACKAGES = Set.of("java", "javax", "jdk", "sun", "jakarta");
    private static final Set<String> MAYBE_PACKAGES = Set.of("com", "org", "net", "io", "cn", "kotlin", "scala",
            "groovy", "lombok", "ch", "de", "mvel", "mvel2");

    /** Names that reach outside the policy, and why. */
    private static final Map<String, String> FORBIDDEN = forbidden();

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u+[0-9A-Fa-f]{4}");
    private static final Pattern QUALIFIED = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(?:\\s*\\.\\s*[A-Za-z_$][A-Za-z0-9_$]*)*(\\s*\\.\\s*\\*)?");

    private RuleSafety() {
    }

    private static Map<String, String> forbidden() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : List.of("System", "Runtime", "Shutdown", "SecurityManager", "StackWalker", "Module",
                "ModuleLayer", "Console", "getenv", "getInteger", "getLong", "getBoolean", "exit", "exec",
                "loadLibrary")) {
            m.put(n, "the host process, its environment and properties");
        }
        for (String n : List.of("Thread", "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "Runnable",
                "Callable", "Executor", "Executors", "ExecutorService", "ScheduledExecutorService", "ForkJoinPool",
                "CompletableFuture", "Future", "Timer", "TimerTask", "parallel", "parallelStream", "synchronized",
                "wait", "notify", "notifyAll")) {
            m.put(n, "threads");
        }
        for (String n : List.of("Process", "ProcessBuilder", "ProcessHandle")) {
            m.put(n, "processes");
        }
        for (String n : List.of("Class", "ClassLoader", "ClassValue", "class", "getClass", "forName",
                "getClassLoader", "classLoader", "getContextClassLoader", "contextClassLoader", "getDeclaredMethod",
                "getDeclaredMethods", "declaredMethods", "getMethod", "getMethods", "getDeclaredField",
                "getDeclaredFields", "declaredFields", "getField", "getFields", "getDeclaredConstructor",
                "getDeclaredConstructors", "getConstructor", "getConstructors", "setAccessible", "newInstance",
                "Method", "Field", "Constructor", "Proxy", "MethodHandle", "MethodHandles", "VarHandle", "Unsafe",
                "ServiceLoader", "ScriptEngine", "ScriptEngineManager", "InitialContext")) {
            m.put(n, "reflection and class loading");
        }
        for (String n : List.of("File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "RandomAccessFile",
                "FileInputStream", "FileOutputStream", "FileReader", "FileWriter", "PrintStream", "PrintWriter",
                "InputStream", "OutputStream", "Reader", "Writer", "ObjectInputStream", "ObjectOutputStream",
                "Scanner", "Properties")) {
            m.put(n, "files and streams");
        }
        for (String n : List.of("Socket", "ServerSocket", "DatagramSocket", "SocketChannel", "URL", "URI",
                "URLConnection", "HttpURLConnection", "HttpClient", "HttpRequest", "InetAddress",
                "InetSocketAddress")) {
            m.put(n, "the network");
        }
        for (String n : List.of("getKieRuntime", "kieRuntime", "getKnowledgeRuntime", "knowledgeRuntime",
                "getWorkingMemory", "workingMemory", "getKieBase", "kieBase", "getKnowledgeBase", "knowledgeBase",
                "getKieSession", "kieSession", "getEntryPoint", "getEntryPoints", "entryPoints", "getChannels",
                "channels", "getGlobal", "getGlobals", "globals", "setGlobal", "halt")) {
            m.put(n, "the session behind the rule (kcontext/drools reach the engine, not the policy)");
        }
        for (String n : List.of("PolicyEngine", "RuleSource", "CompiledRules", "RuleSafety", "ReloadGate",
                "ReloadRejectedException", "LoggerFactory", "Logger")) {
            m.put(n, "the engine's loading and logging, not the policy's types");
        }
        return Map.copyOf(m);
    }

    /** Every offence in one rule file; empty when the file keeps to the policy's own types. */
    public static List<RuleProblem> check(String file, String text) {
        List<RuleProblem> problems = new ArrayList<>();
        int[] lineStarts = lineStarts(text);
        Matcher escape = UNICODE_ESCAPE.matcher(text);
        while (escape.find()) {
            problems.add(new RuleProblem(file, line(lineStarts, escape.start()), "unicode escape "
                    + escape.group() + " is not allowed in a rule file (the Java compiler reads it as code, even "
                    + "in a comment); write the character itself"));
        }
        String code = codeOnly(file, text, lineStarts, problems);
        Matcher name = QUALIFIED.matcher(code);
        while (name.find()) {
            if (name.start() > 0 && Character.isJavaIdentifierPart(code.charAt(name.start() - 1))) {
                continue;
            }
            int at = line(lineStarts, name.start());
            String chain = name.group().replaceAll("\\s+", "");
            boolean wildcard = name.group(1) != null;
            String qualified = wildcard ? chain.substring(0, chain.length() - 2) : chain;
            String[] parts = qualified.split("\\.");
            String offending = null;
            for (int i = 0; i < parts.length && offending == null; i++) {
                if (FORBIDDEN.containsKey(parts[i]) && (i > 0 || !parts[i].equals("class"))) {
                    offending = parts[i];
                }
            }
            if (offending != null) {
                problems.add(new RuleProblem(file, at, "`" + chain + "` reaches outside the policy's own types (`"
                        + offending + "`: " + FORBIDDEN.get(offending) + "); rules may use only the policy's facts "
                        + "and the engine's claim types"));
            } else if (isPackageName(parts, wildcard) && !allowed(qualified, wildcard)) {
                problems.add(new RuleProblem(file, at, "`" + chain + "` is outside the policy's own types; rules may "
                        + "name only cn.minhang.policy.model, cn.minhang.policy.engine, java.math, java.time and "
                        + "the java.util collections"));
            }
        }
        return problems;
    }

    private static boolean isPackageName(String[] parts, boolean wildcard) {
        if (ALWAYS_PACKAGES.contains(parts[0])) {
            return true;
        }
        return MAYBE_PACKAGES.contains(parts[0]) && (wildcard || parts.length >= 3
                && parts[1].matches("[a-z][a-z0-9_]*"));
    }

    private static boolean allowed(String qualified, boolean wildcard) {
        String asPrefix = qualified + ".";
        for (String p : ALLOWED_PACKAGES) {
            if (asPrefix.startsWith(p) || qualified.equals(p)) {
                return true;
            }
        }
        if (wildcard) {
            return false;
        }
        for (String c : ALLOWED_CLASSES) {
            if (qualified.equals(c) || qualified.startsWith(c + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text with every comment and the content of every string and character literal replaced by spaces,
     * line breaks kept, so that positions and lines stay where they were. A literal left open at the end of its
     * line (other than a text block) is an offence: the compiler would read what follows differently.
     */
    private static String codeOnly(String file, String text, int[] lineStarts, List<RuleProblem> problems) {
        char[] out = text.toCharArray();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int start = i;
                out[i++] = ' ';
                out[i++] = ' ';
                while (i < n && !(text.charAt(i) == '*' && i + 1 < n && text.charAt(i + 1) == '/')) {
                    blank(out, text, i++);
                }
                if (i >= n) {
                    problems.add(new RuleProblem(file, line(lineStarts, start), "comment is never closed"));
                } else {
                    out[i++] = ' ';
                    out[i++] = ' ';
                }
            } else if (c == '"' && text.startsWith("\"\"\"", i)) {
                int start = i;
                i += 3;
                while (i < n && !text.startsWith("\"\"\"", i)) {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        blank(out, text, i++);
                    }
                    blank(out, text, i++);
                }
                if (i >= n) {
                    problems.add(new RuleProblem(file, line(lineStarts, start), "text block is never closed"));
                } else {
                    i += 3;
                }
            } else if (c == '"' || c == '\'') {
                int start = i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
                        out[i++] = ' ';
                    }
                    out[i++] = ' ';
                }
                if (i >= n || text.charAt(i) == '\n') {
                    problems.add(new RuleProblem(file, line(lineStarts, start), (c == '"' ? "string" : "character")
                            + " literal is not closed on its line"));
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        return new String(out);
    }

    private static void blank(char[] out, String text, int i) {
        if (text.charAt(i) != '\n') {
            out[i] = ' ';
        }
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int line(int[] lineStarts, int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }
}
