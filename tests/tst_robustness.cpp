// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

class tst_robustness : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(tst_robustness)
#include "tst_robustness.moc"
