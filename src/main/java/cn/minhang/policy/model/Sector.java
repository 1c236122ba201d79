package cn.minhang.policy.model;

/** The industry of a technical transformation (measure 4: 汽车零部件、电子信息、先进装备制造等行业领域). */
public enum Sector {
    AUTO_PARTS,
    ELECTRONIC_INFORMATION,
    ADVANCED_EQUIPMENT_MANUFACTURING,
    OTHER
}
