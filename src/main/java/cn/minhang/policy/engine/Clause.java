package cn.minhang.policy.engine;

/**
 * A clause of the policy, as its rules directory declares it in {@code clauses.yaml}: where it stands in the text,
 * what kind of support it gives, and the words its explanations use for what its amounts are computed from and
 * for the scope of its caps. Rates, caps and conditions are not here: they live in the rules.
 *
 * <p>Clauses are made only by {@link ClauseCatalogue}; each belongs to one catalogue, which orders it among the
 * others.
 */
public final class Clause {

    /** Where in the text a clause stands. */
    public enum Part { PREAMBLE, MEASURE, CLOSING }

    /** What a clause of the measures gives; the clauses of the preamble and the closing paragraph have none. */
    public enum Kind {
        /** rate × base, capped where a cap is stated */
        RATE,
        /** 1:0.5 matching of an amount granted by another body */
        MATCH,
        /** "up to X": the amount is set by review */
        DISCRETIONARY,
        /** non-monetary support */
        SUPPORT
    }

    /** What an explanation calls something, in both languages. */
    public record Words(String zh, String en) {
    }

    private final ClauseCatalogue catalogue;
    private final String id;
    private final Part part;
    private final int measure;
    private final int paragraph;
    private final int rank;
    private final int line;
    private final Kind kind;
    private final Words label;
    private final Words title;
    private final Words base;
    private final Words capScope;
    private final Words aggregateScope;

    Clause(ClauseCatalogue catalogue, String id, Part part, int measure, int paragraph, int rank, int line, Kind kind,
           Words label, Words title, Words base, Words capScope, Words aggregateScope) {
        this.catalogue = catalogue;
        this.id = id;
        this.part = part;
        this.measure = measure;
        this.paragraph = paragraph;
        this.rank = rank;
        this.line = line;
        this.kind = kind;
        this.label = label;
        this.title = title;
        this.base = base;
        this.capScope = capScope;
        this.aggregateScope = aggregateScope;
    }

    /** The catalogue the clause belongs to. */
    public ClauseCatalogue catalogue() {
        return catalogue;
    }

    /** "1.1", "5", "general", "closing". */
    public String id() {
        return id;
    }

    public Part part() {
        return part;
    }

    /** True for the clauses of the measures, false for the general conditions and the closing paragraph. */
    public boolean isMeasureClause() {
        return part == Part.MEASURE;
    }

    /** The measure's number for a clause of the measures; 0 otherwise. */
    public int measure() {
        return measure;
    }

    /** K of clause N.K; 0 for a measure of one clause (id N) and outside the measures. */
    public int paragraph() {
        return paragraph;
    }

    /** The clause's place in the text's order, from 0. */
    public int rank() {
        return rank;
    }

    /** The line of {@code clauses.yaml} that declares it. */
    public int line() {
        return line;
    }

    /** What a clause of the measures gives; null outside the measures. */
    public Kind kind() {
        return kind;
    }

    /** "第1条第1款", "第5条", "一般条件". */
    public String labelZh() {
        return label.zh();
    }

    /** "Clause 1.1", "General conditions". */
    public String labelEn() {
        return label.en();
    }

    public String titleZh() {
        return title.zh();
    }

    public String titleEn() {
        return title.en();
    }

    /** What the amounts are computed from ("研发投入"); null where the catalogue names nothing. */
    public String baseZh() {
        return base == null ? null : base.zh();
    }

    public String baseEn() {
        return base == null ? null : base.en();
    }

    /** The scope of the per-item cap ("单款产品"); null where the catalogue names none. */
    public String capScopeZh() {
        return capScope == null ? null : capScope.zh();
    }

    public String capScopeEn() {
        return capScope == null ? null : capScope.en();
    }

    /** The scope of the aggregate cap ("单个企业"); null where the catalogue names none. */
    public String aggregateScopeZh() {
        return aggregateScope == null ? null : aggregateScope.zh();
    }

    public String aggregateScopeEn() {
        return aggregateScope == null ? null : aggregateScope.en();
    }

    boolean hasBase() {
        return base != null;
    }

    boolean hasCapScope() {
        return capScope != null;
    }

    boolean hasAggregateScope() {
        return aggregateScope != null;
    }

    /**
     * Two clauses are equal when they are declared alike and stand at the same place of the text, whichever
     * compilation of the rules made them (the line of the declaration aside).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Clause c && id.equals(c.id) && part == c.part && measure == c.measure
                && paragraph == c.paragraph && rank == c.rank && kind == c.kind && label.equals(c.label)
                && title.equals(c.title) && java.util.Objects.equals(base, c.base)
                && java.util.Objects.equals(capScope, c.capScope)
                && java.util.Objects.equals(aggregateScope, c.aggregateScope);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, rank);
    }

    @Override
    public String toString() {
        return id;
    }
}
