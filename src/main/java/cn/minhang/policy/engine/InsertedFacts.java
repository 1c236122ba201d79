package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * The facts of one session as they are inserted, updated and deleted: what {@code KieSession.getObjects()} would
 * return at the end, without asking the session's object store for it.
 *
 * <p>The engine's rule base is immutable, and an immutable rule base keeps out of its object store every fact
 * that no pattern matches (a claim that is not eligible, a verdict no closing rule reads): such a fact is still
 * part of the decision, so the facts are read from here. A fact inserted twice is one fact, as in the store; the
 * facts come in the order they were inserted, which depends on nothing but the rules and the input.
 */
final class InsertedFacts implements RuleRuntimeEventListener {
    // Sized for the common evaluation (a few dozen facts); both grow for a large one.
    private final List<Object> facts = new ArrayList<>(32);
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>(32));

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        add(event.getObject());
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        if (event.getOldObject() != event.getObject()) {
            remove(event.getOldObject());
            add(event.getObject());
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        remove(event.getOldObject());
    }

    /** The facts in the session now, in the order they were inserted. */
    List<Object> facts() {
        return facts;
    }

    private void add(Object fact) {
        if (seen.add(fact)) {
            facts.add(fact);
        }
    }

    private void remove(Object fact) {
        if (seen.remove(fact)) {
            for (int i = 0; i < facts.size(); i++) {
                if (facts.get(i) == fact) {
                    facts.remove(i);
                    return;
                }
            }
        }
    }
}
