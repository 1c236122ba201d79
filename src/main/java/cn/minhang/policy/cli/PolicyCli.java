package cn.minhang.policy.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import cn.minhang.policy.engine.RuleCompilationException;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.io.EngineVersion;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The analyst's command line: {@code policy evaluate|check|spec|batch|compare|generate|schema|mutate|serve}.
 *
 * <p>Exit codes, the same for every command: {@value #OK} done, {@value #INVALID_INPUT} invalid input (an
 * application, a spec file, a population line, an option), {@value #RULES_FAILED} the rules failed to compile or
 * to pass {@code check}, {@value #FAILURE} anything else (including failing spec cases).
 */
@Command(name = "policy",
        mixinStandardHelpOptions = true,
        versionProvider = PolicyCli.Version.class,
        description = {"The Minhang embodied-intelligence policy measures as executable rules.", ""},
        subcommands = {EvaluateCommand.class, CheckCommand.class, SpecCommand.class, BatchCommand.class,
                CompareCommand.class, GenerateCommand.class, SchemaCommand.class, MutateCommand.class,
                ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 2 invalid input, 3 rules failed to compile or check, 1 anything else.",
                "Run 'policy COMMAND --help' for a command's options."})
public final class PolicyCli implements java.util.concurrent.Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int INVALID_INPUT = 2;
    public static final int RULES_FAILED = 3;

    /** The command line's logging configuration: warnings and errors only, on stderr. Never a root logback.xml. */
    static final String LOGBACK_CONFIGURATION = "cn/minhang/policy/cli/logback-cli.xml";

    static {
        // Before the first logger exists: Drools logs at INFO and DEBUG, which the command line does not show.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given output streams and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            // Before picocli parses: "policy nosuch --help" would otherwise print the top-level help and exit 0.
            if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
                err.println("error: unknown command '" + args[0] + "'; the commands are "
                        + String.join(", ", cl.getSubcommands().keySet()));
                err.println("Run 'policy --help' for what each does.");
                return INVALID_INPUT;
            }
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PolicyCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(PolicyCli::handle);
        return cl;
    }

    /** Without a command: the usage, on stderr, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return INVALID_INPUT;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        cl.getOut().flush();
        if (e instanceof RuleCompilationException rules) {
            // "the rules in DIR have N problem(s):" names which rules, when a command uses two sets.
            err.println("error: the rules do not compile: " + rules.getMessage().lines().findFirst().orElse(""));
            for (RuleProblem p : rules.problems()) {
                err.println(p);
            }
            return RULES_FAILED;
        }
        if (e instanceof InvalidApplicationException invalid) {
            err.println("error: invalid application, " + invalid.problems().size() + " problem(s):");
            for (Problem p : invalid.problems()) {
                err.println(p);
            }
            return INVALID_INPUT;
        }
        if (e instanceof CliException cli) {
            err.println("error: " + cli.getMessage());
            debug(e, err);
            return cli.exitCode();
        }
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.io.IOException io) {
            err.println("error: " + fileProblem(io));
            debug(e, err);
            return FAILURE;
        }
        err.println("error: " + cn.minhang.policy.engine.EvaluationFailure.describe(e));
        debug(e, err);
        return FAILURE;
    }

    /** A file that cannot be read or written, in words: "out.jsonl: is a directory", never an exception's class. */
    static String fileProblem(java.io.IOException e) {
        String reason = fileReason(e);
        return reason == null ? String.valueOf(e.getMessage())
                : ((java.nio.file.FileSystemException) e).getFile() + ": " + reason;
    }

    /**
     * Why the file an exception names cannot be used, in words ("no such file or directory"); null when the
     * exception names no file.
     */
    static String fileReason(java.io.IOException e) {
        if (!(e instanceof java.nio.file.FileSystemException fs) || fs.getFile() == null) {
            return null;
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        String reason = fs.getReason() == null ? "cannot be used" : fs.getReason();
        return reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
    }

    private static void debug(Exception e, PrintWriter err) {
        if (System.getenv("POLICY_DEBUG") != null) {
            e.printStackTrace(err);
        }
    }

    /** "policy 0.1.0-SNAPSHOT". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"policy " + EngineVersion.get(), "Java " + System.getProperty("java.version")};
        }
    }
}
