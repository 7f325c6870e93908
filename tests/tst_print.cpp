// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

class tst_print : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_MAIN(tst_print)
#include "tst_print.moc"
