package cn.minhang.policy.model;

/** A recognised industrial cluster or park (measure 9: 中小企业特色产业集群、特色产业园区). */
public enum ClusterType {
    SME_CHARACTERISTIC_CLUSTER,
    CHARACTERISTIC_INDUSTRIAL_PARK
}
