package cn.minhang.policy.model;

/** The core component a product belongs to (measure 1: 伺服系统、传感器、一体化关节及智能芯片等核心部件). */
public enum ComponentCategory {
    SERVO_SYSTEM,
    SENSOR,
    INTEGRATED_JOINT,
    INTELLIGENT_CHIP,
    OTHER_CORE_COMPONENT,
    NOT_A_CORE_COMPONENT
}
