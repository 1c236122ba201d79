package cn.minhang.policy.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * Measure 2: a "揭榜挂帅" (open-call) project or innovation task.
 *
 * @param level            DISTRICT for the district mechanism (2.1); MUNICIPAL for a municipal task (2.2); a task set
 *                         at NATIONAL level is neither (it may claim 4.2 as a demonstration)
 * @param selected         selected (揭榜) under the mechanism of its level
 * @param academicPartners universities or research institutes taking part (高校、科研机构)
 * @param funding          funding granted by the municipal level for the task, for the 1:0.5 match of 2.2
 * @param requested        the amount set by review or requested, for the discretionary 2.1
 */
public record OpenCallProject(
        String id,
        String name,
        Level level,
        boolean selected,
        List<String> academicPartners,
        @MayBeAbsent BigDecimal funding,
        @MayBeAbsent BigDecimal requested) {

    public OpenCallProject {
        academicPartners = Checks.list(academicPartners);
        Checks.of("OpenCallProject").id("id", id).id("name", name).present("level", level)
                .amountIfPresent("funding", funding).amountIfPresent("requested", requested).done();
    }
}
