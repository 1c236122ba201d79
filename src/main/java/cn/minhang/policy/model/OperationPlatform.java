package cn.minhang.policy.model;

import java.util.List;

/**
 * Measure 10: the applicant as an industrial operation platform. Its subject is the enterprise.
 *
 * @param functions        the functions it takes on in the district
 * @param certifiedPartner certified as an industrial operation partner (经认定的产业运营合作伙伴)
 */
public record OperationPlatform(
        List<PlatformFunction> functions,
        boolean certifiedPartner) {

    public OperationPlatform {
        functions = Checks.list(functions);
    }
}
