package cn.minhang.policy.model;

/** A function an industrial operation platform takes on (measure 10: 载体建设、招商引资及企业服务). */
public enum PlatformFunction {
    CARRIER_BUILDING,
    INVESTMENT_ATTRACTION,
    ENTERPRISE_SERVICES
}
