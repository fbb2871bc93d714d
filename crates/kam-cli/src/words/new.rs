//! What `kam new` prints.

kam_sim::word_table! {
    pub enum Say {
        Exists => "kam new：{} 已经存在；要覆盖它，请加上 --force", "kam new: {} already exists; pass --force to overwrite it";
        CannotCreate => "kam new：无法创建文件夹 {}：{}", "kam new: cannot create {}: {}";
        CannotWrite => "kam new：无法写入 {}：{}", "kam new: cannot write {}: {}";
        Wrote => "已写入 {}：三个客户（A、B、C 级各一个）、一条传言、一个异议和一场续约谈判", "wrote {}: three accounts (A, B, C), a rumour, an objection and a renewal negotiation";
        Next => "下一步：编辑这个文件，然后运行 `kam validate {}` 和 `kam balance {}`", "next: edit it, then `kam validate {}` and `kam balance {}`";
    }
}
