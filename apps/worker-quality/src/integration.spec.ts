import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-quality/bench';

describeCategoryThroughGateway('quality', cases);
